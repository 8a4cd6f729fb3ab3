using Bunit;
using Messaging.Core.Accounts;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Admin;
using AdminText = Messaging.Web.Resources.Admin;

namespace Messaging.Tests.Web.Admin;

public sealed class AdminComponentTests
{
    private static readonly UserAdminView Waiting = new(Guid.NewGuid(), "sara@tests.local", "سارة", VerificationStatus.Pending, new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc));

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task VerificationQueue_Empty_ShowsTranslatedEmptyState(string language)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);

        var queue = context.Bunit.Render<VerificationQueue>(p => p.Add(q => q.Users, []));

        Assert.Equal(BrowserSession.Text<AdminText>("QueueEmpty", language), queue.Find("[data-testid=queue-empty]").TextContent);
    }

    [Fact]
    public async Task VerificationQueue_Error_ShowsErrorInsteadOfTable()
    {
        await using var context = await ComponentTestContext.CreateAsync("en");

        var queue = context.Bunit.Render<VerificationQueue>(p => p.Add(q => q.Users, [Waiting]).Add(q => q.Error, "It failed"));

        Assert.Contains("It failed", queue.Find("[data-testid=admin-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(queue.FindAll("[data-testid=queue-table]"));
    }

    [Fact]
    public async Task VerificationQueue_ApproveClicked_RaisesDecisionWithLabelledButtons()
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");
        (UserAdminView User, VerificationStatus Status)? decided = null;

        var queue = context.Bunit.Render<VerificationQueue>(p => p.Add(q => q.Users, [Waiting]).Add(q => q.OnDecide, d => decided = d));
        var approve = queue.Find("[data-testid=approve]");
        Assert.Equal(BrowserSession.Text<AdminText>("ApproveLabel", "ar").Replace("{0}", "سارة", StringComparison.Ordinal), approve.GetAttribute("aria-label"));
        await approve.ClickAsync(new());

        Assert.Equal((Waiting, VerificationStatus.Verified), decided);
    }

    [Theory]
    [InlineData(VerificationStatus.Pending, "StatusPending")]
    [InlineData(VerificationStatus.Verified, "StatusVerified")]
    [InlineData(VerificationStatus.Rejected, "StatusRejected")]
    public async Task StatusChip_Arabic_ShowsTranslatedStatus(VerificationStatus status, string key)
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");

        var chip = context.Bunit.Render<StatusChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(BrowserSession.Text<AdminText>(key, "ar"), chip.Find("[data-testid=status]").TextContent.Trim());
    }
}
