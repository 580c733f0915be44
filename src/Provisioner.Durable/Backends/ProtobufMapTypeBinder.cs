using DurableTask.AzureStorage;
using Google.Protobuf.Collections;

namespace Provisioner.Durable.Backends;

/// <summary>
/// Names the types of queued messages for the Azure Storage backend, which writes them with their type
/// names and reads them back by those names. The sidecar hands the backend a sub-orchestration's start
/// event with its tags in a protobuf <see cref="MapField{TKey, TValue}"/>, a type the backend cannot
/// load by name: the message failed to read on every attempt and the sub-orchestration never started.
/// Written as the <see cref="Dictionary{TKey, TValue}"/> it is equivalent to, it reads back anywhere.
/// Every other type is named as the backend names it by default.
/// </summary>
internal sealed class ProtobufMapTypeBinder : ICustomTypeBinder
{
    public void BindToName(Type serializedType, out string assemblyName, out string typeName)
    {
        var type = serializedType.IsGenericType && serializedType.GetGenericTypeDefinition() == typeof(MapField<,>)
            ? typeof(Dictionary<,>).MakeGenericType(serializedType.GetGenericArguments())
            : serializedType;
        assemblyName = null!;
        typeName = type.FullName!;
    }

    public Type BindToType(string assemblyName, string typeName) => Type.GetType(typeName, throwOnError: true)!;
}
