using System.Globalization;
using System.Resources;

namespace Messaging.Core.Resources;

/// <summary>Strings Core puts in place of encrypted text it cannot open, in the caller's UI language.</summary>
public static class EncryptionText
{
    private static readonly ResourceManager Manager = new("Messaging.Core.Resources.EncryptionText", typeof(EncryptionText).Assembly);

    /// <summary>Shown instead of a message or preview whose ciphertext does not open where it is (moved, tampered with, key lost).</summary>
    public static string Unreadable =>
        Manager.GetString(nameof(Unreadable), CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException("Missing text Unreadable.");
}
