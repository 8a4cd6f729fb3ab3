// Tells the server whether the tab is visible, so "read" receipts are only written for what the user can see.
let current = null;

export function watch(ref) {
    unwatch();
    current = () => ref.invokeMethodAsync('VisibilityChanged', document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', current);
    return document.visibilityState === 'visible';
}

export function unwatch() {
    if (current) {
        document.removeEventListener('visibilitychange', current);
        current = null;
    }
}
