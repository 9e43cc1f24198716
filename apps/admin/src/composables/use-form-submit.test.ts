import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/api/api-error';

import { useFormSubmit } from './use-form-submit';

const notifyError = vi.hoisted(() => vi.fn());
vi.mock('./use-notify', () => ({ useNotify: () => ({ error: notifyError, success: vi.fn() }) }));

beforeEach(() => notifyError.mockReset());

const invalid = () => new ApiError(422, 'validation_failed', 'The given data was invalid.', { name: ['Too long.'] });
const conflict = () => new ApiError(409, 'conflict', 'Already exists.');

describe('useFormSubmit', () => {
  it('is submitting while the action runs and reports success', async () => {
    const { submitting, errors, submit } = useFormSubmit({ toast: 'Not saved' });
    let release!: () => void;
    const running = submit(() => new Promise<void>((resolve) => (release = resolve)));
    expect(submitting.value).toBe(true);

    release();
    expect(await running).toBe(true);
    expect(submitting.value).toBe(false);
    expect(errors.value).toBeNull();
    expect(notifyError).not.toHaveBeenCalled();
  });

  it('toasts a failure and keeps only invalid input for the fields', async () => {
    const { submitting, errors, submit } = useFormSubmit({ toast: 'Not saved' });

    expect(await submit(() => Promise.reject(invalid()))).toBe(false);
    expect(errors.value?.field('name')).toBe('Too long.');
    expect(notifyError).toHaveBeenLastCalledWith(errors.value, 'Not saved');
    expect(submitting.value).toBe(false);

    const other = conflict();
    expect(await submit(() => Promise.reject(other))).toBe(false);
    expect(errors.value).toBeNull();
    expect(notifyError).toHaveBeenLastCalledWith(other, 'Not saved');
  });

  it('keeps every failure inline, without a toast', async () => {
    const { errors, submit } = useFormSubmit({ inline: 'Sign-in failed. Try again.' });

    const refused = conflict();
    await submit(() => Promise.reject(refused));
    expect(errors.value).toBe(refused);

    await submit(() => Promise.reject(new TypeError('boom')));
    expect(errors.value).toBeInstanceOf(ApiError);
    expect(errors.value?.message).toBe('Sign-in failed. Try again.');
    expect(notifyError).not.toHaveBeenCalled();
  });

  it('forgets the last failure when submitted again', async () => {
    const { errors, submit } = useFormSubmit({ inline: 'Failed.' });
    await submit(() => Promise.reject(invalid()));

    let release!: () => void;
    const running = submit(() => new Promise<void>((resolve) => (release = resolve)));
    expect(errors.value).toBeNull();
    release();
    await running;
  });
});
