-- Run once by the postgres image on an empty data directory: one database per service, as in the devstack.
-- The services log in as the image's superuser (POSTGRES_USER); this is a local demo, not a deployment.
CREATE DATABASE case_assessment;
CREATE DATABASE scoring;
CREATE DATABASE performance_data;
CREATE DATABASE reporting;
