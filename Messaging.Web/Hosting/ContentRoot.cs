namespace Messaging.Web.Hosting;

/// <summary>
/// Where the app reads appsettings and serves wwwroot from: its own folder (the one holding Messaging.Web.dll), not the
/// directory it happens to be started from, unless a content root is given (<c>--contentRoot</c>,
/// <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c>, or a test host).
/// </summary>
public static class ContentRoot
{
    /// <summary>Builder options for <paramref name="args"/>: the application's folder as content root when none is given.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null,
        };
    }

    /// <summary>
    /// Makes sure the static files can be served. A build output (not a publish) carries the static web assets manifest
    /// beside the dll and serves from the project and package folders, as in Development, in any environment. Anything
    /// else needs wwwroot under the content root: without it every script and stylesheet would answer 200 with an empty
    /// body and the UI would be dead, so start-up stops here with the reason.
    /// </summary>
    public static void RequireStaticFiles(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{environment.ApplicationName}.staticwebassets.runtime.json");
        if (File.Exists(manifest))
        {
            builder.WebHost.UseStaticWebAssets();
            return;
        }

        var webRoot = Path.GetFullPath(builder.Configuration[WebHostDefaults.WebRootKey] ?? "wwwroot", environment.ContentRootPath);
        if (!Directory.Exists(webRoot))
        {
            throw new InvalidOperationException(
                $"The web root '{webRoot}' does not exist, so the app could not serve its scripts and stylesheets. "
                + $"Run the published output (dotnet publish) or give the folder that contains wwwroot with --contentRoot "
                + $"(content root now: '{environment.ContentRootPath}').");
        }
    }
}
