using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Messaging.Core.Common;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.RateLimiting;

/// <summary>
/// The counters behind every rate limit, shared by the HTTP middleware policies, the hub filter, the sign-in form
/// and the Blazor circuit's send path, so one user has one budget whichever way they come in. Fixed windows, per node.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly RateLimitOptions options;
    private readonly Dictionary<string, PartitionedRateLimiter<string>> perKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartitionedRateLimiter<string>> perAddress = new(StringComparer.Ordinal);

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        this.options = options.Value;
        foreach (var policy in RateLimitPolicies.All)
        {
            var rule = this.options.Rule(policy);
            perKey[policy] = Create(rule.PermitLimit, rule.Window);
            perAddress[policy] = Create(rule.AddressPermitLimit, rule.Window);
        }
    }

    /// <summary>
    /// Takes one permit from the caller's budget (<paramref name="key"/>: the user, when known) and from its address's
    /// budget. Register counts per address only, with <see cref="RateLimitRule.PermitLimit"/>.
    /// </summary>
    public RateLimitLease Acquire(string policy, string? key, string? address)
    {
        if (policy == RateLimitPolicies.Register)
        {
            return perKey[policy].AttemptAcquire(address ?? "");
        }

        if (key is not null)
        {
            var user = perKey[policy].AttemptAcquire(key);
            if (!user.IsAcquired)
            {
                return user;
            }

            user.Dispose();
        }

        return address is null ? Granted.Instance : perAddress[policy].AttemptAcquire(address);
    }

    /// <summary>The circuit's and the hub's way: a refusal is a <see cref="MessagingException"/> the edge localizes.</summary>
    public void Require(string policy, Guid userId, string? address = null)
    {
        using var lease = Acquire(policy, userId.ToString("N"), address);
        if (!lease.IsAcquired)
        {
            throw Refusal(lease);
        }
    }

    /// <summary>
    /// Before checking a password: refused when this account already failed too often from this address. Keyed by
    /// account and address, so a flood from one address never locks the owner out elsewhere.
    /// </summary>
    public void RequireSignInAllowed(string account, string? address)
    {
        using var lease = perKey[RateLimitPolicies.SignIn].AttemptAcquire(SignInKey(account, address), 0);
        if (!lease.IsAcquired)
        {
            throw Refusal(lease);
        }
    }

    /// <summary>
    /// A new confirmation link: from the Register budget of the client address, and the same number per email address,
    /// so nobody can flood someone's inbox with links from many addresses.
    /// </summary>
    public void RequireConfirmationResendAllowed(string email, string? address)
    {
        using var perAddress = Acquire(RateLimitPolicies.Register, null, address);
        if (!perAddress.IsAcquired)
        {
            throw Refusal(perAddress);
        }

        using var perEmail = perKey[RateLimitPolicies.Register].AttemptAcquire($"resend|{email.Trim().ToUpperInvariant()}");
        if (!perEmail.IsAcquired)
        {
            throw Refusal(perEmail);
        }
    }

    /// <summary>Counts one failed sign-in for this account from this address.</summary>
    public void SignInFailed(string account, string? address)
    {
        using var lease = perKey[RateLimitPolicies.SignIn].AttemptAcquire(SignInKey(account, address));
    }

    public static MessagingException Refusal(RateLimitLease lease) =>
        new(ErrorCode.RateLimited, retryAfter: lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));

    /// <summary>The client's address as the server sees it (after trusted forwarded headers); IPv6 grouped by /64, as one host usually owns a whole /64.</summary>
    public static string? AddressOf(HttpContext? http)
    {
        var ip = http?.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return null;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            ip = new IPAddress(bytes);
        }

        return ip.ToString();
    }

    public void Dispose()
    {
        foreach (var limiter in perKey.Values.Concat(perAddress.Values))
        {
            limiter.Dispose();
        }
    }

    private static string SignInKey(string account, string? address) =>
        $"{account.Trim().ToUpperInvariant()}|{address}";

    private static PartitionedRateLimiter<string> Create(int permitLimit, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permitLimit),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }));

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
