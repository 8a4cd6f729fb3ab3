namespace Messaging.Web.Features.RateLimiting;

/// <summary>One limit: <see cref="PermitLimit"/> per key within <see cref="Window"/>, plus a looser one per client address.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per client address, for every caller behind it (offices share one address, so it is looser).</summary>
    public int AddressPermitLimit { get; set; }
}

/// <summary>
/// <c>Messaging:RateLimits:{SignIn|Register|Send|Upload|Search|Hub}</c>. The key of <see cref="RateLimitRule.PermitLimit"/>:
/// SignIn counts failed sign-ins per account and address; Register counts per address; the others count per user.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Messaging:RateLimits";

    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), AddressPermitLimit = 300 };

    public RateLimitRule Register { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1), AddressPermitLimit = 20 };

    public RateLimitRule Send { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1), AddressPermitLimit = 3000 };

    public RateLimitRule Upload { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), AddressPermitLimit = 600 };

    public RateLimitRule Search { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), AddressPermitLimit = 600 };

    public RateLimitRule Hub { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1), AddressPermitLimit = 6000 };

    public RateLimitRule Rule(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignIn,
        RateLimitPolicies.Register => Register,
        RateLimitPolicies.Send => Send,
        RateLimitPolicies.Upload => Upload,
        RateLimitPolicies.Search => Search,
        RateLimitPolicies.Hub => Hub,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate limit policy."),
    };
}

/// <summary>Policy names for <c>RequireRateLimiting(...)</c> and for <see cref="RateLimits"/>.</summary>
public static class RateLimitPolicies
{
    public const string SignIn = "SignIn";
    public const string Register = "Register";
    public const string Send = "Send";
    public const string Upload = "Upload";
    public const string Search = "Search";
    public const string Hub = "Hub";

    public static readonly string[] All = [SignIn, Register, Send, Upload, Search, Hub];
}
