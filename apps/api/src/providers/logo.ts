/**
 * A monogram logo: the provider's initials on its brand colour. Drawn here rather than shipping
 * trademarked artwork; a provider folder may replace it with an official asset it is allowed to use.
 */
export function monogram(text: string, background: string, foreground = '#ffffff'): string {
  const size = text.length > 1 ? 26 : 34;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${text}">` +
    `<rect width="64" height="64" rx="14" fill="${background}"/>` +
    `<text x="32" y="33" text-anchor="middle" dominant-baseline="central" font-family="Inter, Arial, sans-serif" ` +
    `font-weight="700" font-size="${size}" fill="${foreground}">${text}</text></svg>`
  );
}
