// Notifications in the browser: the unread count in the tab title, a short sound, and Web Push subscription.
const titlePrefix = /^\(\d+\)\s/;
let unread = 0;
let observer = null;

function applyTitle() {
  const bare = document.title.replace(titlePrefix, '');
  const wanted = unread > 0 ? `(${unread}) ${bare}` : bare;
  if (document.title !== wanted) {
    document.title = wanted;
  }
}

export function setUnread(count) {
  unread = count;
  applyTitle();
  // Pages set their own <title>; the count is put back whenever it changes.
  if (!observer) {
    const head = document.querySelector('head');
    observer = new MutationObserver(applyTitle);
    observer.observe(head, { subtree: true, childList: true, characterData: true });
  }
}

let audio = null;
export function playSound() {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  } catch {
    // No audio (autoplay policy before any click, or no device): the badge and title still tell.
  }
}

function keyBytes(base64Url) {
  const base64 = (base64Url + '='.repeat((4 - base64Url.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

// Asks for permission (only now, when the user turned push on) and returns the PushSubscription JSON, or a reason.
export async function enablePush(publicKey) {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return { error: 'unsupported' };
  }
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    return { error: 'denied' };
  }
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription()
    || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  return { subscription: subscription.toJSON() };
}

// This browser's push subscription endpoint, or null: the switch shows "on" only where pushes can arrive.
export async function pushEndpoint() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    return null;
  }
  const registration = await navigator.serviceWorker.getRegistration('/sw.js');
  const subscription = registration && await registration.pushManager.getSubscription();
  return subscription ? subscription.endpoint : null;
}

// Unsubscribes this browser; returns the endpoint so the server forgets it too.
export async function disablePush() {
  if (!('serviceWorker' in navigator)) {
    return null;
  }
  const registration = await navigator.serviceWorker.getRegistration('/sw.js');
  const subscription = registration && await registration.pushManager.getSubscription();
  if (!subscription) {
    return null;
  }
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe();
  return endpoint;
}
