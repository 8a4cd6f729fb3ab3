using System.Security.Claims;
using Messaging.Core.Accounts.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Messaging.Web.Features.Accounts;

/// <summary>
/// A circuit's signed-in user, re-checked every <see cref="RevalidationInterval"/> and at once when the bus says the user's
/// access changed (<see cref="CircuitAccess"/>): security stamp, session, and verification if the circuit began verified.
/// When a check fails the circuit becomes anonymous, and the route gate sends the browser to sign-in (a new page load,
/// which ends the circuit).
/// </summary>
internal sealed class SessionRevalidatingStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly AccessState access;
    private readonly CircuitAccess circuits;
    private readonly ILogger logger;
    private bool startedVerified;
    private Guid? trackedUser;

    public SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, AccessState access, CircuitAccess circuits)
        : base(loggerFactory)
    {
        this.access = access;
        this.circuits = circuits;
        logger = loggerFactory.CreateLogger<SessionRevalidatingStateProvider>();
        AuthenticationStateChanged += OnChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    /// <summary>Checks now; signs the circuit out when the check fails.</summary>
    public async Task RevalidateNowAsync()
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated == true && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                logger.LogInformation("Signing a circuit out: access ended.");
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed meanwhile.
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (AccessState.UserOf(user) is not { } userId || !await access.IsValidAsync(user, cancellationToken))
        {
            return false;
        }

        // A suspension ends every circuit; the next page load leads to the explanation page.
        var current = await access.GetUserAsync(userId, cancellationToken);
        return !current.IsSuspended && (!startedVerified || current.IsVerified);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= OnChanged;
            circuits.Forget(this);
        }

        base.Dispose(disposing);
    }

    private async void OnChanged(Task<AuthenticationState> task)
    {
        try
        {
            var state = await task;
            if (AccessState.UserOf(state.User) is { } userId)
            {
                if (trackedUser != userId)
                {
                    trackedUser = userId;
                    startedVerified = (await access.GetUserAsync(userId)).IsVerified;
                }

                circuits.Track(this, userId);
            }
            else
            {
                circuits.Forget(this);
            }
        }
        catch (InvalidOperationException ex)
        {
            // async void: an escaping exception would take the process down; the periodic check still runs.
            logger.LogWarning(ex, "Could not track a circuit's user.");
        }
    }
}
