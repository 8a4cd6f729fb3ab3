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
        var title = text[$"Status{status}"];
        problem.Title = title.ResourceNotFound ? text["Status500"].Value : title.Value;

        if (http.Items.TryGetValue(ErrorCodeKey, out var value) && value is ErrorCode code)
        {
            problem.Detail = text.For(code);
            problem.Extensions["code"] = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());
            if (http.Items.TryGetValue(FieldKey, out var field) && field is string name)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [problem.Detail] };
            }
        }
        else
        {
            var detail = text[$"Status{status}Detail"];
            problem.Detail = detail.ResourceNotFound ? null : detail.Value;
        }

        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("exception");
    }
}
