// Starts Blazor with a reconnection that never leaves a dead page (ADR 0047). A page's state (its circuit) lives in one
// node's memory: when the connection drops, Blazor tries to rejoin it. This keeps trying for as long as it takes (a
// node may be down for minutes), and whenever rejoining cannot work any more (the node answers but no longer knows
// the circuit because it was restarted, Blazor gives up, or an attempt hangs while the node answers) it waits until
// the node is ready and reloads the page at the same address. Meanwhile the localized notice of
// Components/Layout/ReconnectNotice.razor stays up.
(() => {
  const notice = () => document.getElementById('components-reconnect-modal');
  const ready = () => new URL('health/ready', document.baseURI).href;
  // How long rejoining may go on while the node answers /health/ready before the page reloads instead.
  const stuckAfterMs = 15000;
  const checkEveryMs = 5000;
  let reloading = false;
  let watchdog = null;

  function mark(state) {
    const element = notice();
    if (!element) {
      return;
    }
    if (state) {
      element.setAttribute('data-state', state);
    } else {
      element.removeAttribute('data-state');
    }
  }

  const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

  async function nodeIsReady() {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const response = await fetch(ready(), { cache: 'no-store', credentials: 'same-origin', signal: abort.signal });
      return response.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  // Reloading while the node is down would land on an error page that never comes back: wait for it first.
  async function reloadWhenReady() {
    if (reloading) {
      return;
    }
    reloading = true;
    stopWatchdog();
    mark('reconnecting');
    for (let attempt = 0; ; attempt++) {
      if (await nodeIsReady()) {
        mark('reloading');
        location.reload();
        return;
      }
      await wait(Math.min(1000 * (attempt + 1), 5000));
    }
  }

  // A rejoin attempt can hang (a request the restarting node accepted and never answered) and Blazor then waits
  // for ever: when the node has been ready for a while and the page is still not back, reload.
  function startWatchdog() {
    if (watchdog || reloading) {
      return;
    }
    let readySince = 0;
    watchdog = setInterval(async () => {
      if (!(await nodeIsReady())) {
        readySince = 0;
      } else if (readySince === 0) {
        readySince = Date.now();
      } else if (watchdog && Date.now() - readySince >= stuckAfterMs) {
        reloadWhenReady();
      }
    }, checkEveryMs);
  }

  function stopWatchdog() {
    if (watchdog) {
      clearInterval(watchdog);
      watchdog = null;
    }
  }

  async function resume() {
    try {
      if (!(await Blazor.resumeCircuit())) {
        reloadWhenReady();
      }
    } catch {
      reloadWhenReady();
    }
  }

  // Blazor dispatches these on the notice element; listening on the document (capture) survives a re-rendered body.
  document.addEventListener('components-reconnect-state-changed', event => {
    switch (event.detail.state) {
      case 'show':
      case 'retrying':
        if (!reloading) {
          mark('reconnecting');
          startWatchdog();
        }
        break;
      case 'hide':
        stopWatchdog();
        if (!reloading) {
          mark(null);
        }
        break;
      case 'paused':
        mark('reconnecting');
        resume();
        break;
      default: // 'rejected', 'failed', 'resume-failed': this circuit is gone, the page is not.
        reloadWhenReady();
        break;
    }
  }, true);

  document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('.reconnect-notice-reload')) {
      location.reload();
    }
  });

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        // No limit: the page keeps trying while the node is down, every few seconds.
        maxRetries: undefined,
        retryIntervalMilliseconds: attempt => [0, 1000, 2000, 3000][attempt] ?? 5000,
      },
    },
  });
})();
