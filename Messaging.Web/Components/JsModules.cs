using Microsoft.JSInterop;

namespace Messaging.Web.Components;

/// <summary>Ending a component's JavaScript module while its circuit may already be closing.</summary>
public static class JsModules
{
    /// <summary>
    /// Calls <paramref name="cleanup"/> (if any) and disposes the module. When the browser is gone or the circuit is
    /// being torn down, the calls end with <see cref="JSDisconnectedException"/> or a cancellation: the listeners
    /// went with the page, so both are expected and must not fail the circuit's disposal.
    /// </summary>
    public static async ValueTask EndAsync(this IJSObjectReference? module, string? cleanup = null)
    {
        if (module is null)
        {
            return;
        }

        try
        {
            if (cleanup is not null)
            {
                await module.InvokeVoidAsync(cleanup);
            }

            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its listeners with it.
        }
        catch (OperationCanceledException)
        {
            // The circuit is closing and cancelled its pending JavaScript calls.
        }
    }
}
