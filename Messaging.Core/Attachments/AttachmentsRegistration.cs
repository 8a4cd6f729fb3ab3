using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Attachments;

public static class AttachmentsRegistration
{
    /// <summary>File sharing: the store chosen by <c>Messaging:Attachments:Store</c>, upload, download, images, clean-up.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section));
        var store = configuration.GetSection(AttachmentOptions.Section).GetValue("Store", AttachmentStoreKind.FileSystem);
        if (store == AttachmentStoreKind.S3)
        {
            services.AddSingleton<IAttachmentStore, S3AttachmentStore>();
        }
        else
        {
            services.AddSingleton<IAttachmentStore, FileSystemAttachmentStore>();
        }

        services.AddSingleton<AttachmentBlobs>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<ImageQueue>();
        services.AddSingleton<ClamAvScanner>();
        services.AddSingleton<UploadAttachmentHandler>();
        services.AddSingleton<AttachmentReader>();
        services.AddSingleton<FileSharingHandler>();
        services.AddSingleton<AttachmentCleanup>();
        services.AddHostedService<ImageWorker>();
        return services;
    }
}
