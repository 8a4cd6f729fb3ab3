using Messaging.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// Reports <c>document.visibilityState</c> (and each <c>visibilitychange</c>) to <see cref="ChatSession.TabVisible"/>,
/// so "read" is only written while the user can see the tab. Renders nothing.
/// </summary>
public sealed class VisibilityWatcher : ComponentBase, IAsyncDisposable
{
    private IJSObjectReference? module;
    private DotNetObjectReference<VisibilityWatcher>? self;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private ChatSession Session { get; set; } = null!;

    [JSInvokable]
    public void VisibilityChanged(bool visible) => Session.SetTabVisible(visible);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/visibility.js");
            if (module is null)
            {
                return;
            }

            self = DotNetObjectReference.Create(this);
            Session.SetTabVisible(await module.InvokeAsync<bool>("watch", self));
        }
        catch (JSException)
        {
            // Without the module the tab keeps counting as visible, as before: reads still follow the bottom of the log.
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await module.EndAsync("unwatch");
        self?.Dispose();
    }
}
