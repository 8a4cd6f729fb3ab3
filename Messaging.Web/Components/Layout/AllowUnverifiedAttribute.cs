namespace Messaging.Web.Components.Layout;

/// <summary>
/// Marks a page that a signed-in user may open before an administrator verified them (settings, the waiting page).
/// Every other page that needs a signed-in user also needs a verified one; see <see cref="AccessGate"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowUnverifiedAttribute : Attribute;
