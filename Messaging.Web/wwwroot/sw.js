// Service worker: keeps an offline page for navigations that cannot reach the server (never cached messages: what
// the person sees is either live or plainly says it is offline), and shows Web Push notifications.
const OFFLINE_CACHE = 'messaging-offline-v2';
const OFFLINE_URL = '/offline';
// What the offline page needs besides itself: its script (reloads the page once the server is back) and the icon.
const OFFLINE_ASSETS = ['/js/offline.js', '/icons/icon-192.png'];

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(OFFLINE_CACHE);
    await cache.addAll([OFFLINE_URL, ...OFFLINE_ASSETS]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter(n => n.startsWith('messaging-') && n !== OFFLINE_CACHE).map(n => caches.delete(n)));
    await self.clients.claim();
  })());
});

// Only page navigations (and the offline page's own assets) are answered here; everything else (API, hub, files)
// goes to the network untouched.
self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.mode !== 'navigate' && url.origin === self.location.origin && OFFLINE_ASSETS.includes(url.pathname)) {
    event.respondWith(fetch(event.request).catch(async () => (await caches.match(url.pathname)) || Response.error()));
    return;
  }
  if (event.request.mode !== 'navigate') {
    return;
  }
  event.respondWith((async () => {
    try {
      return await fetch(event.request);
    } catch {
      const cache = await caches.open(OFFLINE_CACHE);
      return (await cache.match(OFFLINE_URL)) || Response.error();
    }
  })());
});

self.addEventListener('push', event => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const url = data.conversation_id ? `/conversations/${data.conversation_id}` : '/';
  event.waitUntil(self.registration.showNotification(data.title || 'Messaging', {
    body: data.body || '',
    tag: data.conversation_id || 'messaging',
    renotify: true,
    data: { url },
  }));
});

// What a click on a notification does: the conversation comes forward in a window of the app that is already open, or
// opens in a new one. Browsers allow focus() and openWindow() only in the moments after a real click; a refused focus
// never stops the conversation from opening.
async function openConversation(url) {
  const target = new URL(url || '/', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find(w => w.url === target);
  if (same) {
    return same.focus().catch(() => same);
  }
  // navigate() works only in a window this worker controls (a page loaded before it, or with a hard reload, is not).
  const controlled = await self.clients.matchAll({ type: 'window' });
  const any = controlled.find(w => new URL(w.url).origin === self.location.origin);
  if (any) {
    await any.focus().catch(() => any);
    return any.navigate(target);
  }
  return self.clients.openWindow(target);
}

self.addEventListener('notificationclick', event => {
  event.notification.close();
  event.waitUntil(openConversation(event.notification.data && event.notification.data.url));
});
