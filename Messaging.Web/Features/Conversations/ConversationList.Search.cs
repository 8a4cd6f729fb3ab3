using Messaging.Web.Features.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>Message search from the list header: its button and Ctrl/Cmd+K, which the list listens for while shown.</summary>
public sealed partial class ConversationList
{
    private DotNetObjectReference<ConversationList>? searchRef;
    private IJSObjectReference? searchShortcut;
    private bool searchOpen;

    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private IStringLocalizer<Resources.Search> S { get; set; } = null!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            searchRef = DotNetObjectReference.Create(this);
            searchShortcut = await JS.InvokeAsync<IJSObjectReference>("messagingChat.listenForSearchShortcut", searchRef);
        }
    }

    [JSInvokable]
    public Task OpenSearchFromKeyboard() => InvokeAsync(OpenSearchAsync);

    private async Task OpenSearchAsync()
    {
        if (searchOpen)
        {
            return;
        }

        searchOpen = true;
        try
        {
            var titles = (list?.Items ?? []).ToDictionary(c => c.Id, c => ChatFormat.Title(T, c, Session.UserId));
            var dialog = await Dialogs.ShowAsync<SearchDialog>(S["DialogTitle"],
                new DialogParameters<SearchDialog> { { d => d.Titles, titles } },
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true, Position = DialogPosition.TopCenter });
            await dialog.Result;
        }
        finally
        {
            searchOpen = false;
        }
    }

    private void StopSearchShortcut()
    {
        if (searchShortcut is { } handle)
        {
            searchShortcut = null;
            _ = StopAsync(handle);
        }

        searchRef?.Dispose();
    }

    private static async Task StopAsync(IJSObjectReference handle)
    {
        try
        {
            await handle.InvokeVoidAsync("stop");
            await handle.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone, and its listener with it.
        }
    }
}
