package vn.gov.dancu.sandbox.npd;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;

/**
 * Hands out unique personal identification numbers built the way the NPD builds them: province
 * of birth registration, century/sex digit, two digits of the birth year, six serial digits
 * (Circular 07/2016/TT-BCA Art. 7). Fixed persona numbers are reserved first so that generated
 * people can never take them. Not thread-safe: used only while the population is built.
 */
public final class IdAllocator {

    private final Set<String> used = new HashSet<>();
    private final SplittableRandom random;

    IdAllocator(SplittableRandom random) {
        this.random = random;
    }

    /** Claims a fixed number; a clash means two personas were given the same number by mistake. */
    void reserve(String personalId) {
        if (!used.add(personalId)) {
            throw new IllegalStateException("personal id reserved twice: " + personalId);
        }
    }

    boolean isTaken(String personalId) {
        return used.contains(personalId);
    }

    /** A new unused number whose digits agree with the given sex and birth year. */
    String allocate(String provinceCode, Gender gender, int birthYear) {
        String prefix = provinceCode + centuryDigit(gender, birthYear) + String.format("%02d", birthYear % 100);
        while (true) {
            String candidate = prefix + String.format("%06d", random.nextInt(1_000_000));
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }

    /** 0/1 for men/women born 1900–1999, 2/3 for 2000–2099, and so on every century. */
    static int centuryDigit(Gender gender, int birthYear) {
        return (birthYear / 100 - 19) * 2 + (gender == Gender.FEMALE ? 1 : 0);
    }
}
