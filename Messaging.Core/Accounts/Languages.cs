namespace Messaging.Core.Accounts;

public static class Languages
{
    public const string English = "en";
    public const string Arabic = "ar";

    public static readonly IReadOnlyList<string> Supported = [English, Arabic];

    public static bool IsSupported(string? language) => language is English or Arabic;
}
