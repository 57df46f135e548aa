package dev.staticnet.io;

/** IEEE 754 half precision to float (Java 17 has no {@code Float.float16ToFloat}). */
final class HalfFloat {
  private HalfFloat() {}

  /** The float equal to the half-precision value with these bits (exact: every half is a float). */
  static float toFloat(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) { // infinity or NaN: keep the payload
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // normal: rebias the exponent from 15 to 127
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
