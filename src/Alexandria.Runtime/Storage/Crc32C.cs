using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of every segment record. Uses the CPU's CRC instruction when
/// there is one; the table path gives identical results.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u; // reflected Castagnoli
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>Continues a running (non-inverted) CRC; start with <c>~0u</c> and invert at the end.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong crc64 = crc;
            while (data.Length >= 8)
            {
                crc64 = Sse42.X64.Crc32(crc64, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            crc = (uint)crc64;
            foreach (byte b in data)
            {
                crc = Sse42.Crc32(crc, b);
            }

            return crc;
        }

        if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            foreach (byte b in data)
            {
                crc = Crc32.ComputeCrc32C(crc, b);
            }

            return crc;
        }

        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    internal static uint ComputeWithTable(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
