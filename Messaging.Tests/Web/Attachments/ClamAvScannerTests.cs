using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Web.Attachments;

/// <summary>
/// The malware hook against a small clamd written here: a real TCP peer speaking zINSTREAM (length-prefixed chunks,
/// zero terminator, NUL-terminated verdict). Real clamd has no signatures offline on this machine, so the EICAR
/// verdict comes from this peer, which flags the EICAR test string exactly as clamd would.
/// </summary>
public sealed class ClamAvScannerTests
{
    private const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    [Fact]
    public async Task Scan_CleanFile_PassesAndClamdReceivedEveryByte()
    {
        await using var clamd = FakeClamd.Start();
        var scanner = Scanner(clamd.Address);
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ordinary report ", 20_000)));

        await scanner.ScanAsync(new MemoryStream(content), CancellationToken.None);

        Assert.Equal(content, clamd.Received.Single());
        Assert.Equal("zINSTREAM", clamd.Commands.Single());
    }

    [Fact]
    public async Task Scan_Eicar_IsRefusedAsMalware()
    {
        await using var clamd = FakeClamd.Start();
        var scanner = Scanner(clamd.Address);

        var refusal = await Assert.ThrowsAsync<MessagingException>(() => scanner.ScanAsync(new MemoryStream(Encoding.ASCII.GetBytes(Eicar)), CancellationToken.None));

        Assert.Equal(ErrorCode.MalwareDetected, refusal.Code);
    }

    [Fact]
    public async Task Scan_ClamdUnreachable_FailsClosed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var refusal = await Assert.ThrowsAsync<MessagingException>(() => Scanner($"tcp://127.0.0.1:{port}").ScanAsync(new MemoryStream([1, 2, 3]), CancellationToken.None));

        Assert.Equal(ErrorCode.ScanUnavailable, refusal.Code);
    }

    [Fact]
    public async Task Upload_WithClamAvConfigured_ScansBeforeDownloadable_AndRefusesEicar()
    {
        await using var clamd = FakeClamd.Start();
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(global::Messaging.Core.Persistence.DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory,
            extra: new Dictionary<string, string?> { ["Messaging:Attachments:ClamAv"] = clamd.Address });
        using var api = host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var clean = Encoding.UTF8.GetBytes("agenda for Sunday");

        await api.UploadOkAsync(sara, id, clean, "agenda.txt");
        Assert.Equal(clean, clamd.Received.Single());

        using var refused = await api.UploadAsync(sara, id, Encoding.ASCII.GetBytes(Eicar), "eicar.txt");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("malware_detected", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, clamd.Received.Count);
        await using var db = host.Services.GetRequiredService<IDbContextFactory<global::Messaging.Core.Persistence.MessagingDbContext>>().CreateDbContext();
        Assert.Equal(["agenda.txt"], await db.Attachments.Select(a => a.FileName).ToListAsync());
    }

    private static ClamAvScanner Scanner(string address) =>
        new(Options.Create(new AttachmentOptions { ClamAv = address }), NullLogger<ClamAvScanner>.Instance);

    private sealed class FakeClamd : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private Task? loop;

        public List<byte[]> Received { get; } = [];
        public List<string> Commands { get; } = [];
        public string Address => $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        public static FakeClamd Start()
        {
            var clamd = new FakeClamd();
            clamd.listener.Start();
            clamd.loop = clamd.AcceptAsync();
            return clamd;
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = client.GetStream();
                var command = new List<byte>();
                var one = new byte[1];
                while (await stream.ReadAsync(one, stop.Token) == 1 && one[0] != 0)
                {
                    command.Add(one[0]);
                }

                Commands.Add(Encoding.ASCII.GetString(command.ToArray()));
                using var body = new MemoryStream();
                var length = new byte[4];
                while (true)
                {
                    await stream.ReadExactlyAsync(length, stop.Token);
                    var size = BinaryPrimitives.ReadInt32BigEndian(length);
                    if (size == 0)
                    {
                        break;
                    }

                    var chunk = new byte[size];
                    await stream.ReadExactlyAsync(chunk, stop.Token);
                    body.Write(chunk);
                }

                Received.Add(body.ToArray());
                var verdict = Encoding.ASCII.GetString(body.ToArray()).Contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE", StringComparison.Ordinal)
                    ? "stream: Eicar-Test-Signature FOUND\0"
                    : "stream: OK\0";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(verdict), stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await loop!;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }

            stop.Dispose();
        }
    }
}
