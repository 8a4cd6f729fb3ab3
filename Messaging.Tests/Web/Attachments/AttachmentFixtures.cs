using System.Net.Sockets;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Attachments;

/// <summary>A host with small attachment limits, so limit tests move megabytes, not hundreds of them.</summary>
public abstract class AttachmentAppFixture : AppFixture
{
    public const long MaxBytes = 3 * 1024 * 1024;
    public const long BackgroundImageBytes = 512 * 1024;
    public const long UserQuotaBytes = 4 * 1024 * 1024;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Messaging:Attachments:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Attachments:BackgroundImageBytes"] = BackgroundImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Attachments:UserQuotaBytes"] = UserQuotaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqliteAttachmentFixture : AttachmentAppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAttachmentFixture : AttachmentAppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// A host whose attachments live in S3: the s3rver that scripts/test.sh starts on loopback (MESSAGING_TEST_S3), one
/// fresh bucket per fixture. Fails with a hint when the server is not running (never skips).
/// </summary>
public abstract class S3AttachmentFixture : AppFixture
{
    public const string S3Variable = "MESSAGING_TEST_S3";

    public string Bucket { get; } = $"messaging-test-{Guid.NewGuid():N}"[..40];

    public static string ServiceUrl =>
        Environment.GetEnvironmentVariable(S3Variable) is { Length: > 0 } url ? url : "http://127.0.0.1:4569";

    protected override IDictionary<string, string?>? Settings
    {
        get
        {
            RequireS3();
            return new Dictionary<string, string?>
            {
                ["Messaging:Attachments:Store"] = "S3",
                ["Messaging:Attachments:S3:ServiceUrl"] = ServiceUrl,
                ["Messaging:Attachments:S3:Bucket"] = Bucket,
                ["Messaging:Attachments:S3:AccessKey"] = "S3RVER",
                ["Messaging:Attachments:S3:SecretKey"] = "S3RVER",
                ["Messaging:Attachments:S3:ForcePathStyle"] = "true",
            };
        }
    }

    private static void RequireS3()
    {
        var uri = new Uri(ServiceUrl);
        using var client = new TcpClient();
        try
        {
            client.Connect(uri.Host, uri.Port);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"No S3 server at {ServiceUrl} ({ex.Message}). scripts/test.sh installs and starts s3rver there (or set {S3Variable}).", ex);
        }
    }
}

public sealed class SqliteS3Fixture : S3AttachmentFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresS3Fixture : S3AttachmentFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
