// Service worker for Web Push: shows the notification and focuses or opens the conversation on click.
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

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = windows.find(w => w.url === target);
    if (same) {
      return same.focus();
    }
    const any = windows.find(w => new URL(w.url).origin === self.location.origin);
    if (any) {
      await any.focus();
      return any.navigate(target);
    }
    return self.clients.openWindow(target);
  })());
});
