using System.Security.Cryptography;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>The random suffixes Kubernetes gives generated names: consonants and digits that spell no words.</summary>
internal static class RandomSuffix
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Next(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
