-- Submission status of each sampled case, for the sample counts published with the scores.
ALTER TABLE sampled_case ADD COLUMN submitted boolean NOT NULL DEFAULT false;
