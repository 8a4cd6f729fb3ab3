using Messaging.Core.Common;
using Messaging.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Components;

/// <summary>The one way the edge turns Core's <see cref="ErrorCode"/> into text: the code's name is its key in Errors.resx.</summary>
public static class ErrorText
{
    /// <summary>The localized sentence for <paramref name="code"/> (every code has one; a test checks it).</summary>
    public static string For(this IStringLocalizer<Errors> errors, ErrorCode code) => errors[code.ToString()].Value;
}
