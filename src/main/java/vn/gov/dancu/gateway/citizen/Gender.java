package vn.gov.dancu.gateway.citizen;

/** Sex as the NPD records it ({@code Giới tính}). */
public enum Gender {
    MALE, FEMALE
}
