-- A template topic's kind: '' for a topic or course module, 'practice_project'
-- for a certificate course's practice project, which a course does not copy
-- as a module (the attendance rule counts modules; the project has its own
-- status per participant).
ALTER TABLE template_topics ADD COLUMN kind TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'practice_project'));

-- The shipped certificate course as earlier versions seeded it: its practice
-- project topic gets the kind (this one title of this one shipped template;
-- an edited or imported copy is the office's own and left as it is).
UPDATE template_topics SET kind = 'practice_project'
 WHERE title = 'Praxisprojekt, von der Jugendamtsleitung unterstützt'
   AND template_id IN (SELECT id FROM templates WHERE builtin_key = 'zertifikatskurs-management-asd');

-- Courses of that template copied it as a module. Such a module is removed
-- only where nothing was recorded on it: no session (so no attendance) and
-- no date set by hand. One with either stays, so no record is lost; the
-- office can then decide.
DELETE FROM course_modules
 WHERE title = 'Praxisprojekt, von der Jugendamtsleitung unterstützt' AND speaker = '' AND date IS NULL
   AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.module_id = course_modules.id)
   AND group_id IN (SELECT g.id FROM groups g JOIN runs r ON r.id = g.run_id JOIN templates t ON t.id = r.template_id
                    WHERE t.builtin_key = 'zertifikatskurs-management-asd');
