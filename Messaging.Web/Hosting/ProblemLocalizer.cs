using Messaging.Core.Common;
using Messaging.Web.Components;
using Messaging.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Hosting;

/// <summary>Fills every problem's title and detail in the request's language (ar or en) from Errors.resx.</summary>
internal static class ProblemLocalizer
{
    public const string ErrorCodeKey = "messaging.error_code";
    public const string FieldKey = "messaging.error_field";

    public static void Customize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Errors>>();
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Type = null;
        problem.Title = text[TitleKey(status)].Value;

        // A bare 403 comes from an authorization policy (an administrator-only route): API.md's "not allowed".
        var known = http.Items.TryGetValue(ErrorCodeKey, out var value) && value is ErrorCode;
        if (known || status == StatusCodes.Status403Forbidden)
        {
            var code = known ? (ErrorCode)value! : ErrorCode.NotAllowed;
            problem.Detail = text.For(code);
            problem.Extensions["code"] = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());
            if (http.Items.TryGetValue(FieldKey, out var field) && field is string name)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [problem.Detail] };
            }
        }
        else
        {
            problem.Detail = DetailKey(status) is { } key ? text[key].Value : null;
        }

        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("exception");
    }

    // Keys written out (not built from the number) so that the resource key test sees each one.
    private static string TitleKey(int status) => status switch
    {
        400 => "Status400",
        401 => "Status401",
        403 => "Status403",
        404 => "Status404",
        405 => "Status405",
        409 => "Status409",
        413 => "Status413",
        415 => "Status415",
        429 => "Status429",
        503 => "Status503",
        _ => "Status500",
    };

    private static string? DetailKey(int status) => status switch
    {
        400 => "Status400Detail",
        401 => "Status401Detail",
        404 => "Status404Detail",
        413 => "Status413Detail",
        415 => "Status415Detail",
        500 => "Status500Detail",
        _ => null,
    };
}
