using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Web.Features.Accounts;
using Messaging.Web.Features.Attachments;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.Messages;
using Messaging.Web.Features.Moderation;
using Messaging.Web.Features.Pins;
using Microsoft.AspNetCore.Http.Json;

namespace Messaging.Web.Hosting;

internal static class ApiSetup
{
    /// <summary>The API's JSON: snake_case names and enum values, as in API.md.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        json.Converters.Add(new UtcDateTimeConverter());
    }

    public static IServiceCollection AddMessagingApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemLocalizer.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(OpenApiContract.Configure);
        services.AddApiReference();
        return services;
    }

    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapAccountEndpoints();
        Features.Profiles.ProfileEndpoints.MapProfileEndpoints(api);
        api.MapModerationEndpoints();
        api.MapConversationEndpoints();
        api.MapMessageEndpoints();
        api.MapAttachmentEndpoints();
        api.MapPinEndpoints();
        api.MapDraftEndpoints();
        Features.DataRights.DataRightsEndpoints.MapDataRightsEndpoints(api);
        Features.Admin.SystemStatusSetup.MapSystemEndpoints(api);
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapApiReference();
        return app;
    }
}
