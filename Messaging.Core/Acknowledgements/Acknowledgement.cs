namespace Messaging.Core.Acknowledgements;

/// <summary>One recipient confirmed a message sent with "please acknowledge"; at most one row per person and message.</summary>
public sealed class Acknowledgement
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public DateTime At { get; set; }
}
