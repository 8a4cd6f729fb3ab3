using System.Net;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Hosting;

/// <summary>
/// The deployment-hardening settings of the <c>Messaging</c> section (docs/configuration.md, "Deployment hardening"):
/// trusted proxies, the public origins and the cookies' Secure flag. Validated at start-up.
/// </summary>
public sealed class HardeningOptions
{
    public const string Section = "Messaging";

    /// <summary>Origins (<c>https://chat.example.com</c>) besides the request's own allowed to open <c>/_blazor</c>; their hosts are the allowed forwarded hosts.</summary>
    public IList<string> PublicOrigins { get; } = [];

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public CookieSettings Cookies { get; set; } = new();

    /// <summary>Forwarded headers are read only when the operator named a proxy; otherwise they are ignored.</summary>
    internal bool TrustsProxies => ForwardedHeaders.KnownProxies.Count > 0 || ForwardedHeaders.KnownNetworks.Count > 0;

    /// <summary>The public origins as the browser sends them in <c>Origin</c> (no trailing slash).</summary>
    internal HashSet<string> Origins() => PublicOrigins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>An origin is a scheme and a host (and port): a path could never match a browser's <c>Origin</c> header.</summary>
    internal static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.PathAndQuery == "/" && uri.Fragment.Length == 0;

    internal static OptionsBuilder<HardeningOptions> Validate(OptionsBuilder<HardeningOptions> options) => options
        .Validate(o => o.ForwardedHeaders.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
            "Messaging:ForwardedHeaders:KnownProxies must be a list of IP addresses such as 10.0.0.5.")
        .Validate(o => o.ForwardedHeaders.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
            "Messaging:ForwardedHeaders:KnownNetworks must be a list of CIDR ranges such as 10.0.0.0/8.")
        .Validate(o => o.PublicOrigins.All(IsOrigin),
            "Messaging:PublicOrigins must be a list of origins such as https://chat.example.com (scheme and host, no path).");
}

/// <summary><c>Messaging:ForwardedHeaders</c>: whose <c>X-Forwarded-*</c> headers are trusted.</summary>
public sealed class ForwardedHeadersSettings
{
    public IList<string> KnownProxies { get; } = [];

    public IList<string> KnownNetworks { get; } = [];
}

/// <summary><c>Messaging:Cookies</c>.</summary>
public sealed class CookieSettings
{
    /// <summary>Cookies carry <c>Secure</c>; unset or empty: everywhere but Development.</summary>
    public bool? RequireSecure { get; set; }
}
