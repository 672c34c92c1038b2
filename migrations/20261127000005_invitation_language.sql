-- An invitation in the language its person chose (found from outside): someone invited who
-- already has an account with a language of their own (they chose it with the switcher) gets
-- their invitation in it, though they have not joined this draw yet. The address of the
-- invitation finds the account, as it does when they join. Only the app reads the answer, to
-- write the mail: the organizer never sees it.

create or replace function app.participant_mail_language(p_participant_id uuid) returns text
    language sql stable security definer
    set search_path = ''
    as $$
        select coalesce(
            u.language,
            (select a.language from public.users a where a.email = p.email),
            d.language
        )
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.id = p_participant_id and d.author_id = app.uid()
    $$;
