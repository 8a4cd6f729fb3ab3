// The offline page, which the service worker shows at the address the person asked for: it loads that address again
// by itself as soon as the server is ready, so a page never stays offline after the server is back (ADR 0047).
(() => {
  const here = location.pathname === '/offline' ? '/' : location.href;
  for (const link of document.querySelectorAll('a[data-try-again]')) {
    link.href = here;
  }
  if (location.pathname === '/offline') {
    return;
  }
  const check = async () => {
    try {
      const response = await fetch('/health/ready', { cache: 'no-store' });
      if (response.ok) {
        location.reload();
        return;
      }
    } catch {
      // Still unreachable.
    }
    setTimeout(check, 3000);
  };
  setTimeout(check, 3000);
})();
