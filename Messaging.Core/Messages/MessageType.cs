namespace Messaging.Core.Messages;

public enum MessageType
{
    Text,
    File,
    Image,
    System,
}
