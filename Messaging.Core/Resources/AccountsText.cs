using System.Globalization;
using System.Resources;

namespace Messaging.Core.Resources;

/// <summary>Strings of the account emails Core sends (confirmation, "someone tried to register"), in the recipient's language.</summary>
public sealed class AccountsText
{
    private static readonly ResourceManager Manager = new(typeof(AccountsText));

    public static string Get(string key, CultureInfo culture) =>
        Manager.GetString(key, culture) ?? throw new InvalidOperationException($"Missing account text {key}.");

    public static string Format(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, Get(key, culture), args);
}
