/** Escapes LIKE/ILIKE wildcards so a user's search text matches literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
