using Microsoft.Extensions.Options;

namespace Messaging.Web.Hosting;

/// <summary>
/// Builds the app and checks every option registered with <c>ValidateOnStart</c> before anything else runs
/// (migrations, commands, the server), so that a bad value stops the node with one readable message naming the
/// setting, not a stack trace from whichever service read it first (some are read while the host is built).
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>The exit code for a bad configuration (sysexits' EX_CONFIG); systemd can be told not to restart on it.</summary>
    public const int InvalidConfigurationExitCode = 78;

    /// <summary>
    /// Only the real process turns a bad value into a message and an exit code. Hosted in another process (the tests'
    /// WebApplicationFactory runs Main on a thread and starts the host it built itself), the exception is left to the
    /// host's start, where the caller sees it; returning here would leave the factory a disposed host.
    /// </summary>
    private static bool RunsAsTheProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ConfigurationCheck).Assembly;

    /// <summary>The built app when the configuration is valid; otherwise null, having written why to stderr and set the process exit code.</summary>
    public static WebApplication? BuildValidated(this WebApplicationBuilder builder)
    {
        IReadOnlyList<string> problems;
        WebApplication? app = null;
        try
        {
            app = builder.Build();
            app.Services.GetService<IStartupValidator>()?.Validate();
            return app;
        }
        catch (OptionsValidationException ex) when (RunsAsTheProcess)
        {
            problems = ex.Failures.ToList();
        }
        catch (AggregateException ex) when (RunsAsTheProcess && ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            problems = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        }
        catch (InvalidOperationException ex) when (RunsAsTheProcess && ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value that cannot be read at all, e.g. "abc" for a duration: the binder's message names the key.
            problems = [ex.Message];
        }

        (app as IDisposable)?.Dispose();
        Console.Error.WriteLine("Messaging did not start: the configuration is invalid.");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  - {problem}");
        }

        Console.Error.WriteLine("Fix the setting (appsettings.json, environment variable Messaging__..., or command line) and start again; see docs/configuration.md.");
        Environment.ExitCode = InvalidConfigurationExitCode;
        return null;
    }
}
