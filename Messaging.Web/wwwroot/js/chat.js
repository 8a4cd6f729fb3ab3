// Small browser helpers for the chat screens: keyboard handling in the composer and scroll anchoring in the log.
window.messagingChat = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,

    initComposer(box, ref) {
        const grow = () => {
            box.style.blockSize = 'auto';
            box.style.blockSize = Math.min(box.scrollHeight, 160) + 'px';
        };
        box.addEventListener('input', grow);
        // "@" followed by the start of a name, right before the caret, at the start or after a space.
        const mentionQuery = () => {
            const before = box.value.slice(0, box.selectionStart);
            const match = /(?:^|\s)@([^\s@]{0,30})$/u.exec(before);
            return match ? match[1] : null;
        };
        box.addEventListener('input', () => {
            if (box.dataset.mentions === 'on') {
                const typed = mentionQuery();
                if (typed !== null || box.dataset.mentionOpen === 'true') {
                    ref.invokeMethodAsync('MentionQuery', typed);
                }
            }
        });
        box.addEventListener('keydown', e => {
            // While the mention list is open, its keys are its own: nothing is sent and no context is cancelled.
            if (box.dataset.mentionOpen === 'true' && !e.isComposing
                && ['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key) && !(e.key === 'Enter' && e.shiftKey)) {
                e.preventDefault();
                ref.invokeMethodAsync('MentionKey', e.key);
                return;
            }
            // Enter sends, Shift+Enter breaks the line; never while an IME is composing (Arabic, CJK input methods).
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                ref.invokeMethodAsync('SubmitFromKeyboard', box.value);
            } else if (e.key === 'ArrowUp' && box.value === '') {
                e.preventDefault();
                ref.invokeMethodAsync('EditLast');
            } else if (e.key === 'Escape') {
                ref.invokeMethodAsync('CancelContext');
            }
        });
    },

    // Replaces the "@..." being typed with "@Name " and leaves the caret after it; returns the new text.
    insertMention(box, name) {
        const caret = box.selectionStart;
        const before = box.value.slice(0, caret).replace(/@[^\s@]{0,30}$/u, '@' + name + ' ');
        box.value = before + box.value.slice(caret);
        box.focus();
        box.setSelectionRange(before.length, before.length);
        return box.value;
    },

    setText(box, text) {
        box.value = text;
        box.style.blockSize = 'auto';
        box.style.blockSize = Math.min(box.scrollHeight, 160) + 'px';
        box.focus();
        box.setSelectionRange(text.length, text.length);
    },

    initLog(log, ref) {
        let loading = false;
        log._atBottom = true;
        // A person's own scrolling (wheel, touch, keys, the scrollbar) ends any pinning to the bottom at once:
        // otherwise the next pinning frame would undo it, and a scroll to the top would load nothing.
        for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
            log.addEventListener(type, () => messagingChat.stopPinning(log), { passive: true });
        }
        log.addEventListener('scroll', () => {
            const fromBottom = log.scrollHeight - log.scrollTop - log.clientHeight;
            // Moved up and away from the bottom while pinned: someone scrolled (the layout settling only moves the
            // content below, or shrinks it, and leaves the log at the bottom).
            if (log._pinning && fromBottom >= 48 && log.scrollTop < log._pinnedTop - 1) {
                messagingChat.stopPinning(log);
            }
            const atBottom = fromBottom < 48;
            if (atBottom !== log._atBottom) {
                log._atBottom = atBottom;
                ref.invokeMethodAsync('AtBottomChanged', atBottom);
            }
            if (log.scrollTop < 400 && !loading && !log._pinning) {
                loading = true;
                ref.invokeMethodAsync('LoadOlder').finally(() => loading = false);
            }
        }, { passive: true });
    },

    // Virtualized rows change height once measured, so keep pinning to the bottom for a few frames.
    scrollToBottom(log) {
        messagingChat.stopPinning(log);
        let frames = 0;
        const pinning = {};
        log._pinning = pinning;
        const pin = () => {
            if (log._pinning !== pinning) {
                return;
            }
            log.scrollTop = log.scrollHeight;
            log._pinnedTop = log.scrollTop;
            if (++frames < 12) {
                requestAnimationFrame(pin);
            } else {
                log._pinning = null;
            }
        };
        pin();
    },

    stopPinning(log) {
        log._pinning = null;
    },

    // Older messages are inserted above: keep the distance from the bottom so what the reader sees stays put.
    rememberPosition(log) {
        messagingChat.stopPinning(log);
        log._fromBottom = log.scrollHeight - log.scrollTop;
    },

    restorePosition(log) {
        if (log._fromBottom !== undefined) {
            log.scrollTop = log.scrollHeight - log._fromBottom;
        }
    },

    // Ctrl/Cmd+K opens message search from anywhere on the chat screen; returns a handle to stop listening.
    listenForSearchShortcut(ref) {
        const onKey = e => {
            if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
                e.preventDefault();
                ref.invokeMethodAsync('OpenSearchFromKeyboard');
            }
        };
        document.addEventListener('keydown', onKey);
        return { stop: () => document.removeEventListener('keydown', onKey) };
    },

    // A message may be outside the rendered window: scroll to its estimated place, then to the element. The mark
    // itself is rendered by Blazor (a class set here would be lost when Virtualize re-renders the row).
    async scrollToMessage(log, id, fraction) {
        messagingChat.stopPinning(log);
        const find = () => document.getElementById('m-' + id);
        let element = find();
        if (!element) {
            log.scrollTop = fraction * log.scrollHeight;
            for (let i = 0; i < 60 && !(element = find()); i++) {
                await new Promise(r => requestAnimationFrame(r));
            }
        }
        if (element) {
            element.scrollIntoView({ block: 'center' });
            log.dataset.jumpedTo = id;
        }
        return !!element;
    },
};
