import { shallowRef } from 'vue';

export type PageBlock = 'forbidden' | 'upgrade';

/**
 * A notice shown in place of the current page while the URL stays put: set by the router guard,
 * or by a page whose API call answered `upgrade_required`; cleared on the next navigation.
 */
export const pageBlock = shallowRef<PageBlock | null>(null);

export const blockPage = (block: PageBlock | null): void => {
  pageBlock.value = block;
};
