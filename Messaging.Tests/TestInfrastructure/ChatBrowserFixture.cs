namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// The same <see cref="BrowserFixture"/> (one Chromium, the same flags and sign-in helpers), used as a class fixture:
/// each chat journey class gets a browser of its own instead of queueing in <see cref="BrowserCollection"/>.
/// </summary>
public sealed class ChatBrowserFixture : BrowserFixture;
