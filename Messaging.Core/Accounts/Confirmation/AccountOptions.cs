namespace Messaging.Core.Accounts.Confirmation;

/// <summary>The <c>Messaging:Accounts</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Messaging:Accounts";

    /// <summary>
    /// New accounts confirm their email address before they enter the verification queue or may sign in. Unset means
    /// on when email is configured (<c>Messaging:Email:Host</c>) and off otherwise; on without email is a start-up error.
    /// </summary>
    public bool? RequireEmailConfirmation { get; set; }
}
