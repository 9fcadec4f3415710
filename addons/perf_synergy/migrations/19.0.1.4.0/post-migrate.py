"""Six-gap diagnoses scored before 19.0.1.4.0 showed a dimension's score whatever its number
of ratings. A dimension is now scored from the diagnosis's minimum ratings on (3 by default,
the column's default for existing diagnoses): below it the score, mean and weakness are
emptied. Done in SQL: closed diagnoses are locked and keep their stored figures otherwise."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE synergy_diagnosis_score score
           SET scored = score.answer_count >= COALESCE(diagnosis.min_ratings, 3),
               score = CASE WHEN score.answer_count >= COALESCE(diagnosis.min_ratings, 3)
                            THEN score.score ELSE 0 END,
               mean_rating = CASE WHEN score.answer_count >= COALESCE(diagnosis.min_ratings, 3)
                                  THEN score.mean_rating ELSE 0 END,
               is_weak = score.is_weak
                         AND score.answer_count >= COALESCE(diagnosis.min_ratings, 3)
          FROM synergy_diagnosis diagnosis
         WHERE diagnosis.id = score.diagnosis_id
        """
    )
    cr.execute(
        """
        UPDATE synergy_diagnosis diagnosis
           SET overall_score = COALESCE(
                   (SELECT AVG(score.score) FROM synergy_diagnosis_score score
                     WHERE score.diagnosis_id = diagnosis.id AND score.scored),
                   0)
        """
    )
