namespace Messaging.Web.Resources;

/// <summary>Marker for Account.resx: the sign-in, registration, sign-out and awaiting-verification pages.</summary>
public sealed class Account;
