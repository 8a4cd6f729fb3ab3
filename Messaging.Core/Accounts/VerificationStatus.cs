namespace Messaging.Core.Accounts;

public enum VerificationStatus
{
    Pending,
    Verified,
    Rejected,
}
