// The service worker makes the app installable and shows the offline page when the server cannot be reached;
// it also receives Web Push (notifications.js subscribes through the same registration).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => { /* an installable app is a bonus, never a failure */ });
}
