using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Conversations;

/// <summary>The one membership read, and the one order in which every conversation-scoped use case refuses.</summary>
public sealed class MembershipTests : IAsyncLifetime
{
    private CoreTestHost host = null!;

    public async Task InitializeAsync() => host = await CoreTestHost.CreateAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task LoadMembershipAsync_Group_ReadsConversationMembersAndBlocksInOneCommand()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var group = await host.CreateGroupAsync(sara, "Plans", omar, lina);
        await host.Get<RemoveParticipantHandler>().HandleAsync(sara.Id, group, lina.Id);

        await using var db = await host.Get<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        host.Commands.Reset();
        var membership = await db.LoadMembershipAsync(group, omar.Id, CancellationToken.None);

        Assert.Equal(1, host.Commands.Count);
        Assert.Equal("Plans", membership.RequireActive().Conversation.Title);
        Assert.Equal(3, membership.Members.Count);
        Assert.Equal(new[] { sara.Id, omar.Id }.Order(), membership.Audience.Order());
        Assert.Equal([sara.Id], membership.Others);
        Assert.Equal("Omar", membership.CallerName);
        Assert.False(membership.IsBlocked);
        Assert.Same(membership.Conversation, membership.Caller.Conversation);
    }

    [Fact]
    public async Task RequireActive_UnknownConversationOutsiderRemovedAndUnverifiedOutsider_AllNotFound()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var outsider = await host.CreateUserAsync("Outsider");
        var pending = await host.CreateUserAsync("Pending", verified: false);
        var group = await host.CreateGroupAsync(sara, "Plans", omar, lina);
        await host.Get<RemoveParticipantHandler>().HandleAsync(sara.Id, group, lina.Id);

        foreach (var (conversation, user) in new[] { (Guid.NewGuid(), sara.Id), (group, outsider.Id), (group, lina.Id), (group, pending.Id) })
        {
            var refusal = await Assert.ThrowsAsync<MessagingException>(() => host.QueryAsync(db => db.RequireMembershipAsync(conversation, user, default)));
            Assert.Equal(ErrorCode.NotFound, refusal.Code);
        }
    }

    [Fact]
    public async Task RequireActive_MemberWhoseVerificationWasWithdrawn_NotVerified()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var group = await host.CreateGroupAsync(sara, "Plans", omar);
        await host.SetVerificationAsync(omar.Id, VerificationStatus.Rejected);

        var refusal = await Assert.ThrowsAsync<MessagingException>(() => host.QueryAsync(db => db.RequireMembershipAsync(group, omar.Id, default)));
        Assert.Equal(ErrorCode.NotVerified, refusal.Code);
    }

    [Fact]
    public async Task RequireNotBlocked_DirectWithBlockEitherWay_BlockedButGroupIsNot()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var group = await host.CreateGroupAsync(sara, "Plans", omar);
        await host.BlockAsync(omar, sara);

        foreach (var user in new[] { sara.Id, omar.Id })
        {
            var membership = await host.QueryAsync(db => db.RequireMembershipAsync(direct, user, default));
            Assert.Equal(ErrorCode.Blocked, Assert.Throws<MessagingException>(() => membership.RequireNotBlocked()).Code);
        }

        var inGroup = await host.QueryAsync(db => db.RequireMembershipAsync(group, sara.Id, default));
        inGroup.RequireNotBlocked();
    }

    [Fact]
    public async Task RequireGroupAdmin_DirectThenMember_FixedThenNotGroupAdmin()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var group = await host.CreateGroupAsync(sara, "Plans", omar);

        var inDirect = await host.QueryAsync(db => db.RequireMembershipAsync(direct, sara.Id, default));
        Assert.Equal(ErrorCode.DirectConversationIsFixed, Assert.Throws<MessagingException>(() => inDirect.RequireGroupAdmin()).Code);
        var member = await host.QueryAsync(db => db.RequireMembershipAsync(group, omar.Id, default));
        Assert.Equal(ErrorCode.NotGroupAdmin, Assert.Throws<MessagingException>(() => member.RequireGroupAdmin()).Code);
        var admin = await host.QueryAsync(db => db.RequireMembershipAsync(group, sara.Id, default));
        Assert.Same(admin, admin.RequireGroupAdmin());
    }

    [Fact]
    public async Task EveryUseCase_OutsiderRemovedUnverifiedBlockedNonAdmin_RefusedInTheSameOrder()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var outsider = await host.CreateUserAsync("Outsider");
        var pendingOutsider = await host.CreateUserAsync("Pending", verified: false);
        var group = await host.CreateGroupAsync(sara, "Plans", omar, lina);
        var message = (await host.Get<SendMessageHandler>().HandleAsync(sara.Id, new SendMessage(group, "the plan"))).Message.Id;
        await host.Get<RemoveParticipantHandler>().HandleAsync(sara.Id, group, lina.Id);

        foreach (var (name, call) in UseCases(message, sara.Id))
        {
            // Not a member, whatever else is true of the caller: not found, exactly like an unknown id.
            foreach (var stranger in new[] { outsider.Id, lina.Id, pendingOutsider.Id })
            {
                var refusal = await Assert.ThrowsAsync<MessagingException>(() => call(stranger, group));
                Assert.True(refusal.Code == ErrorCode.NotFound, $"{name} by a non-member: {refusal.Code}");
            }

            var unknown = await Assert.ThrowsAsync<MessagingException>(() => call(sara.Id, Guid.NewGuid()));
            Assert.True(unknown.Code == ErrorCode.NotFound, $"{name} on an unknown id: {unknown.Code}");
        }

        // A member who lost their verification: not verified, on every path, before any other rule.
        await host.SetVerificationAsync(omar.Id, VerificationStatus.Rejected);
        foreach (var (name, call) in UseCases(message, sara.Id))
        {
            var refusal = await Assert.ThrowsAsync<MessagingException>(() => call(omar.Id, group));
            Assert.True(refusal.Code == ErrorCode.NotVerified, $"{name} by a withdrawn member: {refusal.Code}");
        }

        await host.SetVerificationAsync(omar.Id, VerificationStatus.Verified);
        var nonAdmin = await Assert.ThrowsAsync<MessagingException>(() => host.Get<RenameConversationHandler>().HandleAsync(omar.Id, group, "Mine"));
        Assert.Equal(ErrorCode.NotGroupAdmin, nonAdmin.Code);
        var notRemovable = await Assert.ThrowsAsync<MessagingException>(() => host.Get<RemoveParticipantHandler>().HandleAsync(omar.Id, group, sara.Id));
        Assert.Equal(ErrorCode.NotGroupAdmin, notRemovable.Code);
    }

    private IEnumerable<(string Name, Func<Guid, Guid, Task> Call)> UseCases(Guid message, Guid member)
    {
        yield return ("send", (u, c) => host.Get<SendMessageHandler>().HandleAsync(u, new SendMessage(c, "intrusion")));
        yield return ("edit", (u, c) => host.Get<ChangeMessageHandler>().EditAsync(u, c, message, "changed"));
        yield return ("delete", (u, c) => host.Get<ChangeMessageHandler>().DeleteAsync(u, c, message));
        yield return ("read", (u, c) => host.Get<MarkReceiptHandler>().HandleAsync(u, c, message, ReceiptKind.Read));
        yield return ("history", (u, c) => host.Get<GetMessagesHandler>().HandleAsync(u, new GetMessages(c)));
        yield return ("typing start", (u, c) => host.Get<TypingHandler>().StartAsync(u, c));
        yield return ("typing stop", (u, c) => host.Get<TypingHandler>().StopAsync(u, c));
        yield return ("get", (u, c) => host.Get<ConversationReader>().GetAsync(u, c));
        yield return ("rename", (u, c) => host.Get<RenameConversationHandler>().HandleAsync(u, c, "pwned"));
        yield return ("add", (u, c) => host.Get<AddParticipantsHandler>().HandleAsync(u, c, [Guid.NewGuid()]));
        yield return ("remove", (u, c) => host.Get<RemoveParticipantHandler>().HandleAsync(u, c, member));
        yield return ("archive", (u, c) => host.Get<ConversationPreferences>().ArchiveAsync(u, c, true));
        yield return ("mute", (u, c) => host.Get<ConversationPreferences>().MuteAsync(u, c, null));
        yield return ("accept", (u, c) => host.Get<ConversationPreferences>().AcceptAsync(u, c));
        yield return ("delete for me", (u, c) => host.Get<ConversationPreferences>().DeleteForMeAsync(u, c));
        yield return ("search", (u, c) => host.Get<SearchMessagesHandler>().HandleAsync(u, "plan", c, null));
    }
}
