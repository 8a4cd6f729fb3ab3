using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Web.Hosting;

/// <summary>
/// Turns refusals from Core and malformed requests into localized RFC 9457 problem details. Anything else is our
/// fault: logged, and answered with a plain 500 that shows no internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = new ProblemDetails();
        switch (exception)
        {
            case MessagingException refusal:
                problem.Status = ErrorStatus.Of(refusal.Code);
                httpContext.Items[ProblemLocalizer.ErrorCodeKey] = refusal.Code;
                if (refusal.Field is not null)
                {
                    httpContext.Items[ProblemLocalizer.FieldKey] = refusal.Field;
                }

                if (refusal.RetryAfter is { } retry)
                {
                    httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                break;
            case BadHttpRequestException bad:
                problem.Status = bad.StatusCode;
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            case var busy when DatabaseBusy.Is(busy):
                // Out of database connections is load, not a bug: 503 and when to come back (ADR 0030).
                logger.LogWarning("Database busy on {Method} {Path}: {Error}", httpContext.Request.Method, httpContext.Request.Path, busy.Message);
                problem.Status = StatusCodes.Status503ServiceUnavailable;
                httpContext.Items[ProblemLocalizer.ErrorCodeKey] = ErrorCode.ServerBusy;
                httpContext.Response.Headers.RetryAfter = ((int)DatabaseBusy.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                problem.Status = StatusCodes.Status500InternalServerError;
                break;
        }

        httpContext.Response.StatusCode = problem.Status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
