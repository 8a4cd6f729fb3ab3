// Drag and drop onto the composer, and pasting files into it, hand the files to the picker's <input type=file>,
// so every way in goes through the same InputFile upload path.
export function attach(picker) {
    const composer = picker.closest('.composer') ?? picker.parentElement;
    const input = picker.querySelector('input[type=file]');
    if (!composer || !input) {
        return;
    }

    const deliver = (files) => {
        if (!files || files.length === 0) {
            return false;
        }
        const transfer = new DataTransfer();
        for (const file of files) {
            transfer.items.add(file);
        }
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
    };

    composer.addEventListener('dragover', (e) => {
        if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            composer.classList.add('drop-target');
        }
    });
    composer.addEventListener('dragleave', () => composer.classList.remove('drop-target'));
    composer.addEventListener('drop', (e) => {
        composer.classList.remove('drop-target');
        if (e.dataTransfer && e.dataTransfer.files.length > 0) {
            e.preventDefault();
            deliver(e.dataTransfer.files);
        }
    });
    composer.addEventListener('paste', (e) => {
        if (e.clipboardData && e.clipboardData.files.length > 0 && deliver(e.clipboardData.files)) {
            e.preventDefault();
        }
    });
    // Says that dropping and pasting work from now on (the module loads after the first render).
    picker.dataset.ready = 'true';
}
