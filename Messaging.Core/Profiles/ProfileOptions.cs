namespace Messaging.Core.Profiles;

/// <summary>The <c>Messaging:Profiles</c> configuration section (docs/configuration.md).</summary>
public sealed class ProfileOptions
{
    public const string Section = "Messaging:Profiles";

    /// <summary>Largest avatar upload in bytes (413 above); the stored picture is re-encoded and much smaller.</summary>
    public long AvatarMaxBytes { get; set; } = 5 * 1024 * 1024;
}
