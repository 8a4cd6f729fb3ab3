using System.Diagnostics;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Waits for something to become true by polling it, failing with the name of what was awaited when it does not
/// happen in time. The one way tests wait for a condition: never a fixed sleep.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts when the test names no timeout: generous, because CI runs under load.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often the condition is checked when the test names no interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Completes once <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(string what, Func<bool> condition, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(what, () => Task.FromResult(condition()), timeout, interval);

    /// <summary>Completes once <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        await ValueAsync(what, condition, held => held, timeout, interval);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds; on time-out the failure also shows <paramref name="seen"/>
    /// (what there was instead, read at that moment), which usually says why.
    /// </summary>
    public static Task UntilAsync(string what, Func<bool> condition, Func<string> seen, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(what, () => Task.FromResult(condition()), seen, timeout, interval);

    /// <inheritdoc cref="UntilAsync(string, Func{bool}, Func{string}, TimeSpan?, TimeSpan?)"/>
    public static async Task UntilAsync(string what, Func<Task<bool>> condition, Func<string> seen, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        await PollAsync(what, condition, held => held, _ => seen(), timeout, interval);

    /// <summary>
    /// Reads a value until <paramref name="accept"/> takes it and returns it; on time-out the failure shows the
    /// last value read, which usually says why.
    /// </summary>
    public static Task<T> ValueAsync<T>(string what, Func<Task<T>> read, Func<T, bool> accept, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        PollAsync(what, read, accept, value => value is bool ? null : value?.ToString() ?? "nothing", timeout, interval);

    private static async Task<T> PollAsync<T>(
        string what, Func<Task<T>> read, Func<T, bool> accept, Func<T, string?> describe, TimeSpan? timeout, TimeSpan? interval)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (accept(value))
            {
                return value;
            }

            if (waited.Elapsed >= limit)
            {
                var seen = describe(value);
                Assert.Fail(seen is null
                    ? $"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}."
                    : $"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}; last seen: {seen}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
