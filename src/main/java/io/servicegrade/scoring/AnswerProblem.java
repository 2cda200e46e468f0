package io.servicegrade.scoring;

/** Something wrong with the answers, at a JSON pointer relative to the answers array ({@code /3/violations}). */
public record AnswerProblem(String pointer, LocalizedText message) {
}
